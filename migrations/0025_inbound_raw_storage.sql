-- Raw received mail is stored as it came, without PostgreSQL's compression: compressing (and failing
-- to compress the base64 of attachments) was a third of the cost of storing a message, which the SMTP
-- receiver pays before every 250 (docs/benchmarks.md, "Email ingest"). Text mail takes more disk; the
-- attachments, most of the bytes, hardly compress anyway. Rows stored before keep their compression.
ALTER TABLE inbound_emails ALTER COLUMN raw SET STORAGE EXTERNAL;
