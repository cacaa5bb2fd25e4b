import { describe, expect, test } from 'vitest';
import { hugoShortcodes } from './shortcodes.js';

describe('hugoShortcodes', () => {
  test('a paired callout becomes a directive of its kind, titled as the call says', () => {
    expect(hugoShortcodes('{{< note >}}\nRead this.\n{{< /note >}}')).toBe(':::note\nRead this.\n:::');
    expect(hugoShortcodes('{{% alert title="Before you begin" color="warning" %}}\nBack up first.\n{{% /alert %}}')).toBe(':::warning[Before you begin]\nBack up first.\n:::');
    expect(hugoShortcodes('{{% notice tip %}}\nUse `kubectl`.\n{{% /notice %}}')).toBe(':::tip\nUse `kubectl`.\n:::');
  });

  test('tabs, details and unknown pairs become directives, nested ones inside a longer fence', () => {
    const tabs = '{{< tabs >}}\n{{% tab name="Linux" %}}\nRun it.\n{{% /tab %}}\n{{< /tabs >}}';
    expect(hugoShortcodes(tabs)).toBe('::::tabs\n:::tab[Linux]\nRun it.\n:::\n::::');
    expect(hugoShortcodes('{{< details summary="More [info]" >}}\nHidden.\n{{< /details >}}')).toBe(':::details[More \\[info\\]]\nHidden.\n:::');
    expect(hugoShortcodes('{{< card >}}\nText.\n{{< /card >}}')).toBe(':::card\nText.\n:::');
  });

  test('highlight becomes fenced code, its lines as written', () => {
    expect(hugoShortcodes('{{< highlight go "linenos=table" >}}\nfunc main() {\n\n  {{ .Title }}\n}\n{{< /highlight >}}')).toBe('```go\nfunc main() {\n\n  {{ .Title }}\n}\n```');
  });

  test('ref and relref become the path they name; other inline calls are left out, the text of a pair kept', () => {
    expect(hugoShortcodes('See [install]({{< ref "install.md" >}}) and [tasks]({{< relref path="/tasks/run.md" >}}).')).toBe('See [install](install.md) and [tasks](/tasks/run.md).');
    expect(hugoShortcodes('Press {{< kbd >}}Ctrl{{< /kbd >}} now.{{< figure src="a.png" >}}')).toBe('Press Ctrl now.');
  });

  test('escaped calls read as written; fenced code, code spans and unclosed pairs are never read as pairs', () => {
    expect(hugoShortcodes('Write `{{</* figure src="a.png" */>}}` or {{%/* ref "x" */%}}.')).toBe('Write `{{< figure src="a.png" >}}` or {{% ref "x" %}}.');
    const code = '```md\n{{< note >}}\nx\n{{< /note >}}\n```';
    expect(hugoShortcodes(code)).toBe(code);
    expect(hugoShortcodes('{{< note >}}\nNever closed.')).toBe('\nNever closed.');
  });

  test('a hostile page of 20,000 nested pairs, or as many unclosed calls, is read without overflowing the stack', () => {
    const nested = hugoShortcodes(`${'{{< note >}}\n'.repeat(20_000)}x\n${'{{< /note >}}\n'.repeat(20_000)}`);
    // Pairs deeper than a page nests are left out as inline calls, their text kept.
    expect(nested.split('\n').filter((line) => /^:{3,}note$/.test(line))).toHaveLength(16);
    expect(nested).toContain('\nx\n');
    expect(hugoShortcodes('{{< note >}}\n'.repeat(20_000)).trim()).toBe('');
  });
});
