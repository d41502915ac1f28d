/**
 * The council bench's members, in a process of their own so that serving them costs the measured process nothing:
 * scripted OpenAI-compatible servers on loopback (`@trama/council/testing`), each waiting a fixed latency before it
 * replies. Started with `[count, latencyMs]`; prints one JSON line with their shorthands, then serves until killed.
 */
import { startScriptedMember } from "@trama/council/testing";

const [count, latencyMs] = process.argv.slice(2).map(Number);
const answers = [
  "Rayleigh scattering: air molecules scatter short wavelengths, blue above all, far more than long ones.",
  "Sunlight scatters off the air, and blue light scatters the most.",
  "Because of scattering.",
];
const members = await Promise.all(
  Array.from({ length: count }, (_, index) =>
    startScriptedMember({
      model: `member-${index}`,
      answer: `${answers[index % answers.length]} (${index})`,
      delayMs: latencyMs,
    }),
  ),
);
process.stdout.write(`${JSON.stringify({ shorthands: members.map((member) => member.shorthand) })}\n`);
process.on("SIGTERM", async () => {
  await Promise.all(members.map((member) => member.close()));
  process.exit(0);
});
