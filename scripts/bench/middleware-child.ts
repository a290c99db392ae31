// The middleware section in a process of its own (./middleware.ts, benchMiddlewareInChild): its
// figures as JSON on stdout, its log lines on stderr.
import { benchMiddleware } from "./middleware";

const [calls, warmup] = process.argv.slice(2).map(Number);
const figures = await benchMiddleware({ calls: calls!, warmup: warmup!, log: (line) => console.error(line) });
console.log(JSON.stringify(figures));
