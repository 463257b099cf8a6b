// Versioned schema. The database's PRAGMA user_version is the number of migrations applied.
// APPEND new migrations at the end of `migrations`; never edit or reorder one that has shipped.
import type Database from 'better-sqlite3'

export interface Migration {
  name: string
  up(db: Database.Database): void
}

export const migrations: readonly Migration[] = [
  {
    name: 'outbox, its audit trail, settings',
    up(db) {
      db.exec(`
        CREATE TABLE outbox (
          id              TEXT PRIMARY KEY,            -- ULID made once at creation, reused on every retry
          contact_id      TEXT,
          phone           TEXT,
          customer_name   TEXT NOT NULL DEFAULT '',
          value           INTEGER NOT NULL CHECK (value <> 0),
          reason          TEXT NOT NULL,
          budtender       TEXT NOT NULL,
          created_at      INTEGER NOT NULL,            -- epoch ms, as are all times below
          state           TEXT NOT NULL DEFAULT 'pending'
                          CHECK (state IN ('pending', 'sending', 'synced', 'failed', 'discarded')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER,
          last_error      TEXT,
          synced_at       INTEGER,
          discarded_by    TEXT,
          discard_reason  TEXT,
          CHECK (contact_id IS NOT NULL OR phone IS NOT NULL)
        );
        CREATE INDEX outbox_by_state ON outbox (state, id);
        CREATE INDEX outbox_by_created ON outbox (created_at);
        CREATE INDEX outbox_by_contact ON outbox (contact_id);
        CREATE INDEX outbox_by_phone ON outbox (phone);

        CREATE TABLE outbox_events (
          id        INTEGER PRIMARY KEY AUTOINCREMENT,
          outbox_id TEXT NOT NULL REFERENCES outbox (id),
          at        INTEGER NOT NULL,
          what      TEXT NOT NULL,
          detail    TEXT
        );
        CREATE INDEX outbox_events_by_row ON outbox_events (outbox_id, id);

        CREATE TABLE settings (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL                          -- JSON
        );
      `)
    },
  },
  {
    name: 'customer directory for offline check-in',
    up(db) {
      db.exec(`
        CREATE TABLE customer_directory (
          contact_id        TEXT PRIMARY KEY,
          phone             TEXT,               -- 10 digits: the mobile phone, else the home phone
          email             TEXT,
          first_name        TEXT NOT NULL DEFAULT '',
          last_name         TEXT NOT NULL DEFAULT '',
          points            REAL NOT NULL DEFAULT 0,
          member            INTEGER NOT NULL DEFAULT 0,
          optin_time        INTEGER,            -- AIQ's raw SMS consent fields (epoch s), so consent is computed one way
          optout_time       INTEGER,
          optreq_time       INTEGER,
          has_requested     INTEGER,
          email_optin_time  INTEGER,
          src_id            TEXT,
          favorite_store_id INTEGER,
          refreshed_at      INTEGER NOT NULL    -- epoch ms: when AIQ last told us about this row
        );
        CREATE INDEX customer_directory_by_phone ON customer_directory (phone);
        CREATE INDEX customer_directory_by_email ON customer_directory (lower(email));
        CREATE INDEX customer_directory_by_src_id ON customer_directory (src_id);
        CREATE INDEX customer_directory_by_last_name ON customer_directory (lower(last_name));
        CREATE INDEX customer_directory_by_first_name ON customer_directory (lower(first_name));

        CREATE TABLE customer_directory_pull (
          id             INTEGER PRIMARY KEY CHECK (id = 1),
          run_started_at INTEGER NOT NULL,      -- rows refreshed before this are gone from AIQ when the run ends
          next_start     INTEGER NOT NULL,
          total          INTEGER
        );
      `)
    },
  },
  {
    name: 'each award belongs to the AIQ account it was given in',
    up: (db) =>
      db.exec(`
        ALTER TABLE outbox ADD COLUMN account TEXT NOT NULL DEFAULT '';
        CREATE INDEX outbox_account_state ON outbox (account, state, id);
      `),
  },
  {
    name: 'each award backs off on its own; when its last PUT went out; unreadable answers counted',
    up: (db) =>
      db.exec(`
        ALTER TABLE outbox ADD COLUMN sent_at INTEGER;                          -- epoch ms of the last PUT, NULL = never sent
        ALTER TABLE outbox ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;      -- failed tries since the last change of hands
        ALTER TABLE outbox ADD COLUMN unreadable INTEGER NOT NULL DEFAULT 0;    -- AIQ answers about this row we could not read
        ALTER TABLE outbox ADD COLUMN baseline INTEGER;                         -- AIQ rows like this one just before its last PUT
        CREATE INDEX outbox_similar ON outbox (account, contact_id, value, sent_at);
        -- rows sent before this column existed: their settle time was 30 s after the send, else it was at the latest now
        UPDATE outbox SET sent_at = COALESCE(next_attempt_at - 30000, created_at) WHERE attempts > 0;
      `),
  },
  {
    name: 'reward redemptions, each attempt kept, at most one live per sale and reward',
    up: (db) =>
      db.exec(`
        CREATE TABLE redemptions (
          id                 TEXT PRIMARY KEY,          -- ULID made once
          account            TEXT NOT NULL,
          contact_id         TEXT NOT NULL,
          customer_name      TEXT NOT NULL DEFAULT '',
          reward_id          TEXT NOT NULL,
          reward_name        TEXT NOT NULL,
          pos_discount_id    TEXT,
          points             INTEGER NOT NULL,          -- what the reward costs
          redemption_url     TEXT NOT NULL,             -- the one-time link, reused on any resend (never a new one)
          pos_transaction_id TEXT NOT NULL,
          budtender          TEXT NOT NULL,
          created_at         INTEGER NOT NULL,          -- epoch ms, as are all times below
          state              TEXT NOT NULL CHECK (state IN ('sending', 'redeemed', 'refused', 'in_doubt', 'not_sent')),
          attempts           INTEGER NOT NULL DEFAULT 0,
          sent_at            INTEGER,                   -- the last PUT
          check_after        INTEGER,                   -- in doubt: before this, "not in AIQ's list" proves nothing
          finished_at        INTEGER,
          balance_after      INTEGER,
          message            TEXT,                      -- AIQ's words (refused), or what is known (in doubt, not sent)
          how                TEXT                       -- redeemed: 'answered' or 'found_in_aiq'
        );
        CREATE UNIQUE INDEX redemptions_once ON redemptions (account, contact_id, reward_id, pos_transaction_id)
          WHERE state IN ('sending', 'redeemed', 'in_doubt');
        CREATE INDEX redemptions_by_created ON redemptions (account, created_at);
        CREATE TABLE redemption_events (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          redemption_id TEXT NOT NULL REFERENCES redemptions (id),
          at            INTEGER NOT NULL,
          what          TEXT NOT NULL,
          detail        TEXT
        );
        CREATE INDEX redemption_events_by_row ON redemption_events (redemption_id, id);
      `),
  },
  {
    name: 'budtenders and their PINs; who did each award and who approved it; ID checks (no licence data)',
    up: (db) =>
      db.exec(`
        CREATE TABLE staff (
          id           TEXT PRIMARY KEY,                -- ULID
          roster       TEXT NOT NULL CHECK (roster IN ('live', 'training')),
          name         TEXT NOT NULL,
          role         TEXT NOT NULL CHECK (role IN ('budtender', 'manager')),
          pin_hash     TEXT NOT NULL,                   -- scrypt$N$r$p$salt$hash, never the PIN
          failures     INTEGER NOT NULL DEFAULT 0,      -- wrong PINs in a row
          locked_until INTEGER,                         -- epoch ms
          created_at   INTEGER NOT NULL,
          removed_at   INTEGER
        );
        CREATE UNIQUE INDEX staff_name ON staff (roster, name COLLATE NOCASE) WHERE removed_at IS NULL;
        CREATE TABLE id_checks (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,
          at              INTEGER NOT NULL,
          staff_id        TEXT NOT NULL,
          budtender       TEXT NOT NULL,
          outcome         TEXT NOT NULL CHECK (outcome IN ('passed', 'overridden')),
          override_reason TEXT,
          approved_by     TEXT
        );
        CREATE INDEX id_checks_at ON id_checks (at);
        ALTER TABLE outbox ADD COLUMN budtender_id TEXT;   -- staff id of the signed-in budtender (NULL before PINs)
        ALTER TABLE outbox ADD COLUMN approved_by TEXT;    -- the manager whose PIN allowed it, when one was needed
      `),
  },
  {
    name: "AIQ's time: from when AIQ's rows may be an award, fixed before its first PUT",
    up: (db) =>
      db.exec(`
        ALTER TABLE outbox ADD COLUMN window_from INTEGER;  -- epoch ms in AIQ's time; NULL = created_at minus the slack
      `),
  },
  {
    name: 'consents the customer gave (append-only) and every disclosure text they could have read',
    up: (db) =>
      db.exec(`
        CREATE TABLE disclosures (
          version    INTEGER PRIMARY KEY,             -- 1, 2, 3…: each edit is a new version, none is ever changed
          text       TEXT NOT NULL,
          sha256     TEXT NOT NULL,                   -- hex of the UTF-8 text
          created_at INTEGER NOT NULL,                -- epoch ms, this computer's clock
          created_by TEXT NOT NULL
        );
        CREATE TABLE consents (
          id                INTEGER PRIMARY KEY AUTOINCREMENT,
          phone_masked      TEXT NOT NULL,            -- (•••) •••-0100: enough to read, not enough to text
          phone_hash        TEXT NOT NULL,            -- HMAC-SHA256 of the 10 digits with this install's secret
          channel           TEXT NOT NULL CHECK (channel IN ('sms', 'data_retention')),
          choice            TEXT NOT NULL CHECK (choice IN ('yes', 'no')),
          disclosure_version INTEGER,
          disclosure_sha256 TEXT,
          aiq_at            INTEGER NOT NULL,         -- epoch ms in AIQ's time
          counter_at        INTEGER NOT NULL,         -- epoch ms on this computer's clock
          counter_name      TEXT NOT NULL,
          budtender         TEXT NOT NULL,
          given_by          TEXT NOT NULL CHECK (given_by IN ('customer_screen', 'budtender'))
        );
        CREATE INDEX consents_by_time ON consents (aiq_at);
        CREATE INDEX consents_by_phone ON consents (phone_hash);
        CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
          BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only: a row is never changed'); END;
        CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
          BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only: a row is never deleted'); END;
        CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
          BEGIN SELECT RAISE(ABORT, 'a disclosure version is never changed: save a new one'); END;
        CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
          BEGIN SELECT RAISE(ABORT, 'a disclosure version is never deleted'); END;
      `),
  },
  {
    name: 'ID checks refused (under age or expired) are counted for the shift report',
    // SQLite cannot widen a CHECK in place: the table is rebuilt, every row kept as it was
    up: (db) =>
      db.exec(`
        CREATE TABLE id_checks_new (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,
          at              INTEGER NOT NULL,
          staff_id        TEXT NOT NULL,
          budtender       TEXT NOT NULL,
          outcome         TEXT NOT NULL CHECK (outcome IN ('passed', 'refused', 'overridden')),
          override_reason TEXT,
          approved_by     TEXT
        );
        INSERT INTO id_checks_new (id, at, staff_id, budtender, outcome, override_reason, approved_by)
          SELECT id, at, staff_id, budtender, outcome, override_reason, approved_by FROM id_checks;
        DROP TABLE id_checks;
        ALTER TABLE id_checks_new RENAME TO id_checks;
        CREATE INDEX id_checks_at ON id_checks (at);
      `),
  },
]

/** The file's schema is ahead of this app: it is refused before anything is written to it. */
export class NewerDatabaseError extends Error {
  override readonly name = 'NewerDatabaseError'
  readonly fileVersion: number
  readonly appVersion: number
  constructor(fileVersion: number, appVersion: number) {
    super(
      `This database was written by a newer version of AIQ Counter (schema ${fileVersion}; this version knows ${appVersion}). ` +
        'Install the newer AIQ Counter on this computer. The file was left exactly as it was, with every award in it.',
    )
    this.fileVersion = fileVersion
    this.appVersion = appVersion
  }
}

/** Refuses a schema newer than `list`, before any write. */
export function refuseNewer(fileVersion: number, list: readonly Migration[] = migrations): void {
  if (fileVersion > list.length) throw new NewerDatabaseError(fileVersion, list.length)
}

/** Applies the migrations the file lacks, each in its own transaction together with its user_version bump. */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  const current = Number(db.pragma('user_version', { simple: true }))
  refuseNewer(current, list)
  for (let v = current; v < list.length; v++) {
    const m = list[v]!
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${v + 1}`)
    }).immediate()
  }
  return list.length
}
