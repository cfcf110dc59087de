// Proof that openapi-typescript's types of openapi.yaml are usable from strict TypeScript.
//
// `make spec-proofs` type-checks this file (tsc --strict, no emit), then type-checks a copy
// without its `@ts-expect-error` lines and requires that copy to fail exactly there, so a spec
// change that loosens `channel` (for example to a plain string) fails CI.
import type { components, operations } from "messente-omnichannel-openapi";

type Schemas = components["schemas"];
type Omnimessage = Schemas["Omnimessage"];
type Message = Schemas["Message"];
type DeliveryReport =
  operations["retrieveDeliveryReport"]["responses"][200]["content"]["application/json"];

// A three-channel fallback chain: WhatsApp template, then Viber, then SMS.
export const omnimessage: Omnimessage = {
  to: "+37251000000",
  dlr_url: "https://example.com/messente/dlr",
  priority: "high",
  messages: [
    {
      channel: "whatsapp",
      sender: "MyBrand",
      validity: 360,
      template: {
        name: "order_update",
        language: { code: "en" },
        components: [{ type: "body", parameters: [{ type: "text", text: "4242" }] }],
      },
    },
    { channel: "viber", sender: "MyBrand", ttl: 3600, text: "Your order 4242 has shipped." },
    { channel: "sms", sender: "MyBrand", text: "Your order 4242 has shipped.", autoconvert: "on" },
  ],
};

/** Narrow a message by its `channel`: each branch sees only its own kind's fields. */
export function describeMessage(message: Message): string {
  switch (message.channel) {
    case "whatsapp":
      return `WhatsApp template ${message.template?.name ?? "(none)"}`;
    case "viber":
      return `Viber ${message.button_text ?? message.text ?? "(media)"}`;
    case "sms":
      // `text` is required on SMS only, so it is a string here without a check.
      return `SMS of ${message.text.length} characters`;
    case "rcs":
      return `RCS from ${message.sender}`;
    default: {
      // Exhaustive: a fifth message kind in the spec makes this assignment fail.
      const unreachable: never = message;
      return unreachable;
    }
  }
}

/** Delivery results carry an open channel: known names and any future one both type-check. */
export function channelsOf(report: DeliveryReport): string[] {
  return report.statuses.map((result) => result.channel ?? "unknown");
}

export const described: string[] = omnimessage.messages.map(describeMessage);

export const notAMessageKind: Message = {
  // @ts-expect-error `telegram` is not a message kind one can send (only a channel that old reports may name).
  channel: "telegram",
  text: "Hello",
};
