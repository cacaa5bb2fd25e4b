import { describe, expect, test } from 'vitest';
import { githubAlerts, mkdocsContainers, spacedContainers } from './containers.js';

describe('spacedContainers', () => {
  test.each([
    ['a VitePress title after a space', '::: tip Use it\nText\n:::', ':::tip[Use it]\nText\n:::'],
    ['a Docusaurus title without the space', ':::warning Removed in v11.0.0\nGone.\n:::', ':::warning[Removed in v11.0.0]\nGone.\n:::'],
    ['no title', '::: danger\nStop.\n:::', ':::danger\nStop.\n:::'],
    ['a longer fence around a code group', ':::: details More\n::: code-group\n:::\n::::', '::::details[More]\n:::code-group\n:::\n::::'],
    ['brackets in the title escaped', '::: tip Use [x]\n:::', ':::tip[Use \\[x\\]]\n:::'],
    ['a Starlight directive left alone', ':::note[Title]\nx\n:::', ':::note[Title]\nx\n:::'],
  ])('rewrites %s', (_name, input, output) => {
    expect(spacedContainers(input)).toBe(output);
  });

  test('never touches lines inside fenced code', () => {
    const input = '````md\n::: tip Inside\n```\n:::\n````\n::: tip Outside\n:::';
    expect(spacedContainers(input)).toBe('````md\n::: tip Inside\n```\n:::\n````\n:::tip[Outside]\n:::');
  });
});

describe('mkdocsContainers', () => {
  test('turns an admonition with a title into a directive, its body dedented', () => {
    expect(mkdocsContainers('!!! note "Heads up"\n    Text.\n\n    More.\n\nAfter.')).toBe(':::note[Heads up]\nText.\n\nMore.\n:::\n\nAfter.');
  });

  test('reads collapsible admonitions and admonitions without a title', () => {
    expect(mkdocsContainers('??? warning "Proxy"\n    Set it.\n!!! tip\n    Run it.')).toBe(':::warning[Proxy]\nSet it.\n:::\n:::tip\nRun it.\n:::');
  });

  test('turns content tabs into labelled tab directives and keeps their code byte for byte', () => {
    const input = '=== "npm"\n\n    ```sh\n    npm i  -g x\n      # indented\n    ```\n\n=== "pnpm"\n\n    ```sh\n    pnpm add -g x\n    ```';
    expect(mkdocsContainers(input)).toBe(':::tab[npm]\n\n```sh\nnpm i  -g x\n  # indented\n```\n:::\n\n:::tab[pnpm]\n\n```sh\npnpm add -g x\n```\n:::');
  });

  test('nests an admonition in an admonition with a longer outer fence', () => {
    expect(mkdocsContainers('!!! note\n    !!! tip\n        Inner.')).toBe('::::note\n:::tip\nInner.\n:::\n::::');
  });

  test('keeps the indentation of tabs inside a list item', () => {
    expect(mkdocsContainers('1. Install:\n\n    === "npm"\n\n        ```sh\n        npm i x\n        ```\n')).toBe('1. Install:\n\n    :::tab[npm]\n\n    ```sh\n    npm i x\n    ```\n    :::\n');
  });

  test('leaves a `!!!` line inside fenced code alone', () => {
    expect(mkdocsContainers('```md\n!!! note\n    x\n```')).toBe('```md\n!!! note\n    x\n```');
  });
});

describe('githubAlerts', () => {
  test('turns the marker line into the label of a blockquote, nested quotes and case kept apart', () => {
    expect(githubAlerts('> [!NOTE]\n> For an h2-capable origin, the pool waits.')).toBe('> **Note**\n>\n> For an h2-capable origin, the pool waits.');
    expect(githubAlerts('> > [!warning]\n> > Breaks caches.')).toBe('> > **Warning**\n> >\n> > Breaks caches.');
  });

  test('leaves other brackets, text after the marker and fenced code alone', () => {
    const input = '> [!NOTE] inline\n> [link]\n```md\n> [!TIP]\n```';
    expect(githubAlerts(input)).toBe(input);
  });
});
