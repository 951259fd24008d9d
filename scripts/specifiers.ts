/**
 * Module specifiers in emitted JavaScript or .d.ts: `import … from 'x'`, `export … from 'x'`, `import 'x'`
 * and `import('x')`. Groups: the text before the quote, the quote, the specifier.
 */
export const SPECIFIER = /(^\s*(?:import|export)\b[^;'"]*?\bfrom\s*|^\s*import\s*|\bimport\(\s*)(['"])([^'"]+)\2/gm;
