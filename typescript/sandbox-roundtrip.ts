// Proof that requests built by openapi-generator's typescript-fetch client are ones the sandbox
// answers: one send, one status, one cancel (`make spec-ts-sandbox`, compiled with tsc --strict).
//
// Reads SANDBOX_URL, SANDBOX_USERNAME and SANDBOX_PASSWORD (scripts/with_sandbox.py sets them).
import {
  CancelApi,
  Configuration,
  DeliveryReportApi,
  OmnimessageApi,
  ResponseError,
  type Omnimessage,
} from "../dist/typescript/fetch-client";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/with_sandbox.py`);
  return value;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`sandbox round trip: ${what}`);
  console.log(`ok   ${what}`);
}

async function main(): Promise<void> {
  const config = new Configuration({
    basePath: required("SANDBOX_URL"),
    username: required("SANDBOX_USERNAME"),
    password: required("SANDBOX_PASSWORD"),
  });
  const inOneHour = new Date(Date.now() + 3_600_000);
  // Scheduled, so that it can still be cancelled: WhatsApp template, then Viber, then SMS.
  const omnimessage: Omnimessage = {
    to: "+37251000000",
    timeToSend: inOneHour,
    messages: [
      {
        channel: "whatsapp",
        sender: "MyBrand",
        template: { name: "order_update", language: { code: "en" } },
      },
      { channel: "viber", sender: "MyBrand", text: "Your order 4242 has shipped." },
      { channel: "sms", sender: "MyBrand", text: "Your order 4242 has shipped." },
    ],
  };

  const created = await new OmnimessageApi(config).sendOmnimessage({ omnimessage });
  check(created.to === omnimessage.to, `send: omnimessage ${created.omnimessageId} accepted`);
  check(
    created.messages.map((m) => m.channel).join(",") === "whatsapp,viber,sms",
    "send: one message per channel, in chain order",
  );

  const id = created.omnimessageId;
  const report = await new DeliveryReportApi(config).retrieveDeliveryReport({ omnimessageId: id });
  check(report.omnimessageId === id, `status: delivery report of ${id} (${report.statuses.length} attempts so far)`);

  const cancelled = await new CancelApi(config).cancelScheduledMessage({ omnimessageId: id });
  check(Object.keys(cancelled).length === 0, "cancel: scheduled omnimessage cancelled ({})");

  // A second cancel has nothing left to cancel: the spec's 404, surfaced as ResponseError.
  try {
    await new CancelApi(config).cancelScheduledMessage({ omnimessageId: id });
    check(false, "cancel again: answered 404");
  } catch (error) {
    check(error instanceof ResponseError && error.response.status === 404, "cancel again: answered 404");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
