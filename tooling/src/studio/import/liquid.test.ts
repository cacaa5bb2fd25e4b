import { describe, expect, test } from 'vitest';
import { jekyllLiquid } from './liquid.js';

describe('jekyllLiquid', () => {
  test('highlight becomes fenced code, its lines as written', () => {
    expect(jekyllLiquid('{% highlight ruby linenos %}\nputs "{{ x }}"\n{% endhighlight %}')).toBe('```ruby\nputs "{{ x }}"\n```');
  });

  test('link tags and URL filters become their path; includes, conditions and site variables are left out', () => {
    expect(jekyllLiquid('[Install]({% link docs/install.md %}) and ![logo]({{ "/assets/logo.png" | relative_url }})')).toBe('[Install](docs/install.md) and ![logo](/assets/logo.png)');
    expect(jekyllLiquid('{% include toc.html %}\nBuilt for {{ site.title }}.{% if page.beta %} Beta.{% endif %}')).toBe('\nBuilt for . Beta.');
  });

  test("site variables read as _config.yml gives them; the base URL and unknown ones are left out", () => {
    expect(jekyllLiquid('Welcome to {{ site.title }} ({{ site.baseurl }}{{ site.missing }}).', { title: 'Widget agent', baseurl: '/w' })).toBe('Welcome to Widget agent ().');
  });

  test('raw keeps what it guards; comments and what they hold are left out', () => {
    expect(jekyllLiquid('Write {% raw %}{{ page.title }}{% endraw %} in a layout.')).toBe('Write {{ page.title }} in a layout.');
    expect(jekyllLiquid('{% raw %}\n{% include x %}\n{% endraw %}\nAfter.')).toBe('{% include x %}\nAfter.');
    expect(jekyllLiquid('Before.\n{% comment %}\nDraft note.\n{% endcomment %}\nAfter.')).toBe('Before.\nAfter.');
  });

  test('a just-the-docs callout becomes a labelled blockquote; other attribute lists are left out', () => {
    expect(jekyllLiquid('{: .warning }\nBack up first.\nReally.\n\nNext.')).toBe('> **Warning**\n>\n> Back up first.\n> Really.\n\nNext.');
    expect(jekyllLiquid('## Setup\n{: #setup .no_toc }')).toBe('## Setup\n');
  });

  test('fenced code and code spans are never touched', () => {
    const code = '```liquid\n{% include x %}\n```\nUse `{{ site.url }}` here.';
    expect(jekyllLiquid(code)).toBe(code);
  });

  test('a hostile page of 20,000 unclosed highlight tags reads each as no tag', () => {
    expect(jekyllLiquid('{% highlight ruby %}\n'.repeat(20_000)).trim()).toBe('');
  });
});
