// Module types every microfrontend (packages/esm-*-app) relies on: stylesheets and webpack's loaders.
declare module '*.scss' {
  const classes: Record<string, string>;
  export default classes;
}

// webpack's require.context, which importTranslation uses to load translations/<lang>.json lazily.
declare namespace NodeJS {
  interface Require {
    context(directory: string, recursive: boolean, pattern: RegExp, mode: 'lazy'): unknown;
  }
}
