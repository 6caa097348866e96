// `npm run db:seed` (the administrator) and `npm run db:seed:demo` (plus demo staff and customers).
import { prepareDatabase } from "./prepare-database";

const demo = process.argv.includes("--demo");
const { database } = await prepareDatabase({ demo });
console.info(demo ? "Seeded the administrator and the demo users." : "Seeded the administrator.");
await database.stop();
