type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Jose> | undefined;

/** jose 6 ships as ES modules only and this package compiles to CommonJS, hence import(). */
export function loadJose(): Promise<Jose> {
  loading ??= import('jose');
  return loading;
}
