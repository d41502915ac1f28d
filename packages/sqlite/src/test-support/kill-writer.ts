/**
 * The child process of the kill test: writes batches of documents into the store at `argv[2]` for ever, printing each
 * batch's number once its write has committed. The test SIGKILLs it mid-write.
 */
import { Document } from "@trama/core";
import { SqliteDocumentStore } from "../sqlite-document-store.js";

const [path, size] = [process.argv[2] as string, Number(process.argv[3] ?? 200)];
const store = new SqliteDocumentStore({ path, language: "english" });
const filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(20);

for (let batch = 0; ; batch++) {
  const documents = Array.from(
    { length: size },
    (_, index) =>
      new Document({
        id: `b${batch}-${index}`,
        content: `batch${batch} document ${index} ${filler}`,
        meta: { batch, index },
        embedding: [batch, index, 1, 0.5],
      }),
  );
  await store.write(documents);
  process.stdout.write(`${batch}\n`);
}
