/**
 * A heading anchor as every site generator's slug of the heading would agree on it: its letters and
 * digits, lower case, accents dropped. Sites slug a heading differently (`server.fs.allow`: VitePress
 * `server-fs-allow`, GitHub `serverfsallow`; `Café`: VitePress `cafe`, GitHub `café`), so a link
 * written for one site's anchors is compared with another's by this key.
 *
 * @example anchorKey('Server-FS_Allow') //=> 'serverfsallow'
 * @example anchorKey('café') //=> 'cafe'
 */
export function anchorKey(anchor: string): string {
  return anchor
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
