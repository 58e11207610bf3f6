/**
 * A real IMAP server for tests: Debian's Dovecot with a throwaway configuration in a temp folder,
 * listening on a free port of 127.0.0.1. Users come from passwd-files (plaintext passwords, which also
 * serve as OAuth2 tokens: Dovecot checks an XOAUTH2 token against the passdb like a password), mail is
 * kept as maildir in the temp folder, plaintext login is allowed (loopback only), nothing goes to syslog.
 * It runs as the current user; under root the mail processes take Dovecot's own `dovecot` user (Dovecot
 * refuses to touch mail as root) and the login processes `dovenull`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { canConnect, type Component } from "./components.js";

export const DOVECOT_PATH = "/usr/sbin/dovecot";

export const dovecot: Component = {
  name: `Dovecot (${DOVECOT_PATH})`,
  install: "apt-get install dovecot-imapd (Debian's package; .ci/run installs it)",
  isAvailable: () => fs.existsSync(DOVECOT_PATH) && fs.existsSync("/usr/lib/dovecot/imap"),
};

export interface DovecotOptions {
  /** user → password (also accepted as an XOAUTH2 token). */
  users?: Record<string, string>;
  /** false: leave IDLE out of the capabilities, so clients must poll. */
  idle?: boolean;
}

export interface Dovecot {
  host: "127.0.0.1";
  port: number;
  dir: string;
  /** Adds a user (a name of letters, digits, dots, dashes and underscores). */
  setUser(user: string, password: string): void;
  /** A connected client (close it with `logout()`). */
  connect(user: string, password: string): Promise<ImapFlow>;
  /** APPENDs messages to a mailbox of the user, creating the mailbox when missing. */
  append(user: string, mailbox: string, messages: (Buffer | string)[]): Promise<void>;
  /** Dovecot's log so far (logins show `method=XOAUTH2` etc.). */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** uid and gid of a system user from /etc/passwd, or undefined. */
function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function config(dir: string, port: number, idle: boolean): string {
  const me = os.userInfo();
  const isRoot = me.uid === 0;
  const mail = isRoot ? systemUser("dovecot") : { uid: me.uid, gid: me.gid };
  if (!mail) throw new Error("running as root, Dovecot needs its `dovecot` system user (from the package)");
  const internal = isRoot ? "dovecot" : me.username;
  const login = isRoot ? "dovenull" : me.username;
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = heed-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
auth_verbose = yes
auth_failure_delay = 0
first_valid_uid = ${Math.min(mail.uid, 1)}
default_internal_user = ${internal}
default_login_user = ${login}
mail_location = maildir:${dir}/mail/%u
${idle ? "" : "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT UIDPLUS MOVE LITERAL+ NAMESPACE UNSELECT CHILDREN"}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users/%u
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

/** Starts Dovecot; call `stop()` in afterAll. Retries on another port if the chosen one was taken. */
export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-dovecot-"));
  // Mail processes may run as another user (under root): they must reach the mail folder.
  fs.chmodSync(dir, 0o755);
  for (const sub of ["run", "state", "mail"]) fs.mkdirSync(path.join(dir, sub));
  // One passwd-file per user: Dovecot reads a new file at once, while it checks a changed one at most
  // once a second (a user added a moment ago would be "unknown").
  fs.mkdirSync(path.join(dir, "users"));
  const users = new Map<string, string>();
  const setUser = (user: string, password: string) => {
    if (!/^[A-Za-z0-9._-]+$/.test(user)) throw new Error(`not a simple user name: ${user}`);
    users.set(user, password);
    fs.writeFileSync(path.join(dir, "users", user), `${user}:{PLAIN}${password}\n`);
  };
  for (const [user, password] of Object.entries(options.users ?? {})) setUser(user, password);
  if (os.userInfo().uid === 0) {
    const mail = systemUser("dovecot")!;
    fs.chownSync(path.join(dir, "mail"), mail.uid, mail.gid);
  }
  const logFile = path.join(dir, "dovecot.log");
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");

  let child: ChildProcess | null = null;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort();
    const conf = path.join(dir, "dovecot.conf");
    fs.writeFileSync(conf, config(dir, port, options.idle ?? true));
    const started = spawn(DOVECOT_PATH, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    started.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (
      Date.now() < deadline &&
      started.exitCode === null &&
      !(await canConnect("127.0.0.1", port, 200))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (started.exitCode === null && (await canConnect("127.0.0.1", port, 500))) {
      child = started;
    } else {
      started.kill("SIGKILL");
      if (attempt === 2) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`Dovecot did not start:\n${output}\n${readLog()}`);
      }
    }
  }
  const running = child!;
  // Should the test process end without stop(), the server must not outlive it.
  const killOnExit = () => running.kill("SIGKILL");
  process.once("exit", killOnExit);

  const connect = async (user: string, password: string) => {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    client.on("error", () => {});
    await client.connect();
    return client;
  };

  return {
    host: "127.0.0.1",
    port,
    dir,
    setUser,
    connect,
    async append(user, mailbox, messages) {
      const client = await connect(user, users.get(user)!);
      try {
        if (!(await client.list()).some((box) => box.path === mailbox)) await client.mailboxCreate(mailbox);
        for (const message of messages) await client.append(mailbox, message);
      } finally {
        await client.logout();
      }
    },
    log: readLog,
    async stop() {
      process.off("exit", killOnExit);
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise((resolve) => running.once("exit", resolve));
        running.kill("SIGTERM");
        const timer = setTimeout(() => running.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      // Dovecot's imap processes may still be writing a mailbox for a moment after the master exited
      // (a removal then found a folder not empty, once in CI): retried, as rmSync does for ENOTEMPTY.
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
