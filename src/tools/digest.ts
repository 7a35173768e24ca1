// An agent's write is known by what it sends: the same input is the same intent (one flight, one marker), so a
// second identical call finds the first instead of sending again. The id itself is made in cases/writeRepeats.ts,
// where the repeats of any write (the agent's, or Close Case in the UI) derive theirs.

export { intentId } from '../cases/writeRepeats';
