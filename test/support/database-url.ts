/** One template per jest run, so that runs sharing a server never disturb each other. */
export const templateDatabase = (): string =>
  process.env.CHRONOCART_TEST_TEMPLATE ?? 'chronocart_test_template';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
