// Runs a command's Node script as `instances` worker processes sharing one listening port through
// Node's cluster module (the primary hands each new connection to the next worker in turn).
// Usage: node cluster.mjs <instances> <script> [args…]
import cluster from "node:cluster";

const [instances, exec, ...args] = process.argv.slice(2);
cluster.setupPrimary({ exec, args });
for (let i = 0; i < Number(instances); i++) cluster.fork();
cluster.on("exit", (worker, code, signal) => {
  console.error(`worker ${worker.process.pid} exited (${code ?? signal})`);
  process.exit(1);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
