import { outboundLedgerKey } from "../listener-kit/outbound-ledger.js";

/** Mail recipients are recorded lower-case, so the same address written differently is the same recipient. */
export const mailLedgerKey = (eventSequence: number, address: string) =>
  outboundLedgerKey(eventSequence, address.toLowerCase());
