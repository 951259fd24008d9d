/**
 * The handler's CloudWatch EMF lines (one JSON object a line on stdout, `{"_aws":…}`): what Lambda turns into
 * metrics and alarms, so the function always writes them; in `npm start` they are noise among the codes and
 * notices, so the playground drops them unless PLAYGROUND_METRICS=true.
 */
const EMF_LINE = /^\{"_aws":\{/;

/** Makes `stream.write` drop EMF lines; returns how to undo it. */
export function hideMetricLines(stream: NodeJS.WriteStream): () => void {
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string' && EMF_LINE.test(chunk)) return true;
    return (write as (chunk: unknown, ...rest: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  return () => {
    stream.write = write;
  };
}
