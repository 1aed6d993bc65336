// Turns avsc values into plain JSON that the C# tests can compare: bytes and fixed as "hex:...", records as objects.
export function canonical(value) {
  if (value === null || value === undefined) {
    return null;
  }
  if (Buffer.isBuffer(value)) {
    return 'hex:' + value.toString('hex');
  }
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (typeof value === 'object') {
    const result = {};
    for (const key of Object.keys(value)) {
      result[key] = canonical(value[key]);
    }
    return result;
  }
  return value;
}
