/** A row a field resolver can count on (the read models promise it); its absence is a bug. */
export async function required<T>(row: Promise<T | null>, what: string): Promise<T> {
  const value = await row;
  if (value === null) throw new Error(`${what} is missing from its read model`);
  return value;
}
