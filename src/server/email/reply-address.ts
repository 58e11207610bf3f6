import type { InstallKeys } from "../lib/install-secret.js";

/** Characters of the signature in a reply address: 60 bits, far beyond guessing by trial mail. */
const SIGNATURE_LENGTH = 12;

const split = (address: string) => {
  const at = address.lastIndexOf("@");
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
};

const signedData = (inboxAddress: string, conversationNumber: string) =>
  `${inboxAddress.toLowerCase()}|${conversationNumber}`;

/**
 * The address a customer's reply goes to: the inbox's own address with a sub-address naming the
 * conversation and signed with the install's key, e.g. `help+c42-k3x9…@shop.example`. Mail servers that
 * support sub-addressing deliver it to the inbox; Heed's SMTP receiver accepts it for the inbox.
 */
export function replyAddress(
  keys: InstallKeys,
  inboxAddress: string,
  conversationNumber: number | string,
): string {
  const { local, domain } = split(inboxAddress);
  const number = String(conversationNumber);
  const signature = keys.sign("reply-address", signedData(inboxAddress, number), SIGNATURE_LENGTH);
  return `${local}+c${number}-${signature}@${domain}`;
}

/** The inbox address a sub-address belongs to (`help+anything@shop.example` → `help@shop.example`). */
export function baseAddress(address: string): string {
  const { local, domain } = split(address.toLowerCase());
  const plus = local.indexOf("+");
  return plus > 0 ? `${local.slice(0, plus)}@${domain}` : `${local}@${domain}`;
}

/**
 * The conversation number a recipient list names through a correctly signed reply address of this
 * inbox, or undefined. A bad signature is ignored (never an error: anyone can type an address). It only
 * says which conversation the sender meant; whether the sender may join it is checked separately.
 */
export function conversationNumberFromRecipients(
  keys: InstallKeys,
  inboxAddress: string,
  recipients: string[],
): string | undefined {
  const inbox = split(inboxAddress.toLowerCase());
  for (const recipient of recipients) {
    const { local, domain } = split(recipient.toLowerCase());
    if (domain !== inbox.domain) continue;
    const match = /^(.+)\+c(\d{1,18})-([a-z2-7]+)$/.exec(local);
    if (!match || match[1] !== inbox.local) continue;
    if (keys.verify("reply-address", signedData(inboxAddress, match[2]!), match[3]!, SIGNATURE_LENGTH))
      return match[2]!;
  }
  return undefined;
}
