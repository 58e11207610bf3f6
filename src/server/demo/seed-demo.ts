import type { Actor } from "../context.js";
import { addCustomerMessage } from "../commands/add-customer-message.js";
import { createConversation } from "../commands/create-conversation.js";
import { createInbox } from "../commands/create-inbox.js";
import { createTeam } from "../commands/create-team.js";
import { createUser } from "../commands/create-user.js";
import { createWorkspace } from "../commands/create-workspace.js";
import { replyToConversation } from "../commands/reply-to-conversation.js";
import { setTeamMembers } from "../commands/set-team-members.js";
import { updateConversation } from "../commands/update-conversation.js";
import type { Database } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import { markDemoRepliesSent } from "../models/messages.js";
import { findUserByEmail, type UserRow } from "../models/users.js";
import { demoNames, demoScenarios, type DemoLanguage, type DemoScenario } from "./scenarios.js";

export const DEMO_PASSWORD = "heed-demo-password";
const DEMO_DOMAIN = "demo.heed.test";

const agentsSpec = [
  { name: "Ana Kovač", email: `ana@${DEMO_DOMAIN}`, role: "owner" as const, language: "hr" },
  { name: "Marko Horvat", email: `marko@${DEMO_DOMAIN}`, role: "admin" as const, language: "hr" },
  { name: "Olga Smirnova", email: `olga@${DEMO_DOMAIN}`, role: "agent" as const, language: "ru" },
  { name: "Zuzana Kováčová", email: `zuzana@${DEMO_DOMAIN}`, role: "agent" as const, language: "sk" },
  { name: "Tom Baker", email: `tom@${DEMO_DOMAIN}`, role: "agent" as const, language: "en" },
];

/** A small seeded PRNG (mulberry32): the same seed gives the same demo workspace every time. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A weekday-heavy time in the last `days` days, mostly in office hours, never in the future. */
function customerTime(rng: ReturnType<typeof random>, now: Date, days: number): Date {
  const day = new Date(now.getTime() - rng.int(0, days - 1) * DAY);
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  if (weekend && rng.chance(0.6)) day.setUTCDate(day.getUTCDate() - 2);
  const hour = rng.chance(0.8) ? rng.int(7, 17) : rng.int(0, 23);
  day.setUTCHours(hour, rng.int(0, 59), rng.int(0, 59), 0);
  return day.getTime() < now.getTime() ? day : new Date(now.getTime() - rng.int(5, 300) * MINUTE);
}

export interface DemoResult {
  workspaceId: string;
  conversations: number;
  users: { email: string; role: string }[];
  password: string;
}

interface DemoCustomer {
  name: string;
  email: string;
  phone: string;
  language: DemoLanguage;
}

function makeCustomers(rng: ReturnType<typeof random>, count: number): DemoCustomer[] {
  const languages: DemoLanguage[] = ["en", "ru", "hr", "sk"];
  const countryCode = { en: "+44 7700 9", ru: "+7 912 4", hr: "+385 91 7", sk: "+421 905 6" };
  return Array.from({ length: count }, (_, i) => {
    const language = languages[i % 4]!;
    const names = demoNames[language];
    const first = rng.int(0, names.first.length - 1);
    // Surnames agree with the first name's gender where the language marks it (same parity).
    let last = rng.int(0, names.last.length - 1);
    if (last % 2 !== first % 2) last = (last + 1) % names.last.length;
    const name = `${names.first[first]} ${names.last[last]}`;
    const local = `customer${i + 1}`;
    return {
      name,
      email: `${local}@${language}.example.com`,
      phone: `${countryCode[language]}${String(10000 + i).slice(-5)}`,
      language,
    };
  });
}

/** Which kind of inbox a scenario arrives through. */
function channelFor(
  scenario: DemoScenario,
  rng: ReturnType<typeof random>,
): "email" | "chat" | "phone" | "api" {
  if (scenario.key === "callback" || scenario.key === "voicemail") return "phone";
  return rng.pick(["email", "email", "email", "chat", "chat", "api"] as const);
}

/**
 * `heed demo`: a demo workspace with five users, two teams, an inbox of each channel kind and about 200 realistic
 * conversations in English, Russian, Croatian and Slovak over the last 60 days, with customers (some
 * returning), replies, follow-ups, notes, tags and every status. Built only with Heed's own commands,
 * so the data is exactly what real use produces. Throws 409 if the demo users already exist.
 */
export async function seedDemo(
  db: Database,
  options: { conversations?: number; now?: Date; seed?: number } = {},
): Promise<DemoResult> {
  const now = options.now ?? new Date();
  const total = options.conversations ?? 200;
  const rng = random(options.seed ?? 20261122);
  if (await findUserByEmail(db, agentsSpec[0]!.email)) {
    throw conflict(`The demo workspace already exists: sign in as ${agentsSpec[0]!.email}`);
  }

  const [ownerSpec, ...othersSpec] = agentsSpec;
  const { workspace, owner } = await createWorkspace(db, {
    name: "Lumen Home & Outdoor (demo)",
    owner: {
      email: ownerSpec!.email,
      name: ownerSpec!.name,
      password: DEMO_PASSWORD,
      language: ownerSpec!.language,
    },
  });
  const users: UserRow[] = [owner];
  for (const spec of othersSpec) {
    users.push(
      await db.transaction((tx) =>
        createUser(tx, {
          workspaceId: workspace.id,
          password: DEMO_PASSWORD,
          actorUserId: owner.id,
          ...spec,
        }),
      ),
    );
  }
  const actorOf = (user: UserRow): Actor => ({
    userId: user.id,
    workspaceId: workspace.id,
    role: user.role,
    name: user.name,
    via: "session",
  });
  const ownerActor = actorOf(owner);

  const inboxes = {
    email: await createInbox(db, ownerActor, {
      name: "Support email",
      channel: "email",
      address: `support@${DEMO_DOMAIN}`,
    }),
    chat: await createInbox(db, ownerActor, { name: "Website chat", channel: "chat" }),
    phone: await createInbox(db, ownerActor, { name: "Phone & voicemail", channel: "phone" }),
    api: await createInbox(db, ownerActor, { name: "Marketplace messages", channel: "api" }),
  };

  const agents = users.slice(1);
  // Two teams, each taking the conversations of its contact reasons (the tags of the scenario).
  const billing = await createTeam(db, ownerActor, { name: "Billing" });
  const orders = await createTeam(db, ownerActor, { name: "Orders & delivery" });
  await setTeamMembers(db, ownerActor, billing.id, [agents[0]!.id, agents[2]!.id]);
  await setTeamMembers(db, ownerActor, orders.id, [agents[1]!.id, agents[3]!.id]);
  const teamFor = (tags: string[]) =>
    tags.includes("billing")
      ? billing.id
      : tags.some((tag) => ["shipping", "returns", "order-change", "damaged"].includes(tag))
        ? orders.id
        : undefined;

  const customers = makeCustomers(rng, Math.ceil(total * 0.6));
  for (let i = 0; i < total; i++) {
    // Some customers come back: the first 60% of conversations meet each customer once, the rest repeat.
    const customer = i < customers.length ? customers[i]! : rng.pick(customers);
    const scenario = rng.pick(demoScenarios);
    const text = scenario.text[customer.language];
    const order = `LU-${String(41000 + rng.int(0, 8999))}`;
    const fill = (s: string) => s.replaceAll("{order}", order);
    const channel = channelFor(scenario, rng);
    let at = customerTime(rng, now, 60);
    const age = now.getTime() - at.getTime();

    const { conversation } = await createConversation(db, {
      workspaceId: workspace.id,
      inboxId: inboxes[channel].id,
      customer: {
        name: customer.name,
        email: channel === "phone" ? null : customer.email,
        phone: channel === "phone" || rng.chance(0.2) ? customer.phone : null,
      },
      subject: fill(text.subject),
      body: fill(text.message),
      language: customer.language,
      at,
    });
    const agent = rng.pick(agents);
    const agentActor = actorOf(agent);
    const advance = (minMinutes: number, maxMinutes: number) => {
      at = new Date(
        Math.min(at.getTime() + rng.int(minMinutes, maxMinutes) * MINUTE, now.getTime() - MINUTE),
      );
      return at;
    };

    // The newest conversations are still waiting; most older ones were answered and resolved.
    const isFresh = age < 6 * 3600_000;
    const outcome = isFresh
      ? rng.pick(["unassigned", "open"] as const)
      : rng.pick([
          "resolved",
          "resolved",
          "resolved",
          "resolved",
          "open",
          "pending",
          "snoozed",
          "unassigned",
        ] as const);
    if (outcome === "unassigned") continue;

    await updateConversation(db, ownerActor, conversation.id, {
      assigneeId: agent.id,
      teamId: teamFor(scenario.tags),
      priority: scenario.priority,
      tags: scenario.tags,
      at: advance(1, 30),
    });
    if (text.note && rng.chance(0.7)) {
      const colleague = rng.pick(users.filter((u) => u.id !== agent.id));
      await replyToConversation(db, agentActor, conversation.id, {
        kind: "note",
        body: `${text.note} @${colleague.handle}`,
        at: advance(1, 20),
      });
    }
    if (outcome === "open" && rng.chance(0.5)) continue;
    await replyToConversation(db, agentActor, conversation.id, {
      kind: "reply",
      body: fill(text.reply),
      at: advance(5, 240),
    });
    if (outcome === "pending") {
      await updateConversation(db, agentActor, conversation.id, { status: "pending", at: advance(0, 2) });
      continue;
    }
    if (outcome === "snoozed") {
      const until = new Date(now.getTime() + rng.int(1, 72) * 3600_000);
      await updateConversation(db, agentActor, conversation.id, { snoozedUntil: until, at: advance(0, 2) });
      continue;
    }
    if (text.followUp && rng.chance(0.6)) {
      await addCustomerMessage(db, {
        workspaceId: workspace.id,
        conversationId: conversation.id,
        body: fill(text.followUp),
        at: advance(30, 600),
      });
    }
    if (outcome === "resolved") {
      await updateConversation(db, agentActor, conversation.id, { status: "resolved", at: advance(1, 120) });
    }
  }

  await markDemoRepliesSent(db, workspace.id);
  return {
    workspaceId: workspace.id,
    conversations: total,
    users: users.map((u) => ({ email: u.email, role: u.role })),
    password: DEMO_PASSWORD,
  };
}
