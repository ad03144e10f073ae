// Several middleware as one layer, run the way Hono's compose runs them: an answer a
// middleware returns becomes the response, and an error one throws becomes the error
// handler's answer at that point (so the middleware around it still see a response).
import type { Context, ErrorHandler, MiddlewareHandler, Next } from "hono";
import type { AppEnv } from "../env.ts";

export function sequence(
  middleware: MiddlewareHandler<AppEnv>[],
  onError: ErrorHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  const run = async (c: Context<AppEnv>, next: Next, i: number): Promise<void> => {
    if (i === middleware.length) return await next();
    let res: Response | void;
    let isError = false;
    try {
      res = await middleware[i](c, () => run(c, next, i + 1));
    } catch (err) {
      if (!(err instanceof Error)) throw err;
      c.error = err;
      res = await onError(err, c);
      isError = true;
    }
    if (res && (!c.finalized || isError)) c.res = res;
  };
  return (c, next) => run(c, next, 0);
}
