/// <reference types="astro/client" />

declare module 'virtual:atomkit/site' {
  const options: import('./runtime-options.js').SiteRuntimeOptions;
  export default options;
}
