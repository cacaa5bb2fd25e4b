/** The build inlines a stylesheet import as its minified text. */
declare module '*.css' {
  const css: string;
  export default css;
}
