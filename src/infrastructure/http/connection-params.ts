/**
 * The credentials in graphql-ws connectionParams. Clients differ in how they send them: the
 * documented `authorization`, the header's own spelling `Authorization`, or HTTP-style
 * `headers: { authorization }`; all mean the same, so the key is read in any case, at the top
 * level first.
 */
export function connectionAuthorization(
  params: Readonly<Record<string, unknown>> | undefined,
): unknown {
  if (params === undefined) return undefined;
  const headers = valueOf(params, 'headers');
  return (
    valueOf(params, 'authorization') ??
    (isRecord(headers) ? valueOf(headers, 'authorization') : undefined)
  );
}

function valueOf(record: Readonly<Record<string, unknown>>, name: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
