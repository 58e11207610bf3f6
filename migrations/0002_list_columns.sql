-- What every conversation-list row shows besides its own columns, kept on the rows it belongs to, so a
-- page of 25 reads 25 rows instead of running three subqueries per row (the list is the request agents
-- make most; see docs/benchmarks.md). Triggers keep the copies true, so no command can forget them.

-- The customer's first email and first phone (oldest identity of that kind), as shown beside them.
ALTER TABLE customers ADD COLUMN email text, ADD COLUMN phone text;

CREATE FUNCTION heed_refresh_customer_contacts(customer uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Lock the customer first: the UPDATE below then reads identities with a snapshot taken after any
  -- concurrent change to them has committed (READ COMMITTED takes a snapshot per statement).
  PERFORM 1 FROM customers WHERE id = customer FOR UPDATE;
  UPDATE customers c SET
    email = (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.kind = 'email'
              ORDER BY i.created_at, i.id LIMIT 1),
    phone = (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.kind = 'phone'
              ORDER BY i.created_at, i.id LIMIT 1)
  WHERE c.id = customer;
END
$$;

CREATE FUNCTION heed_identities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.kind IN ('email', 'phone') THEN
    PERFORM heed_refresh_customer_contacts(OLD.customer_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.kind IN ('email', 'phone')
     AND (TG_OP = 'INSERT' OR NEW.customer_id IS DISTINCT FROM OLD.customer_id
          OR NEW.value IS DISTINCT FROM OLD.value OR NEW.kind IS DISTINCT FROM OLD.kind) THEN
    PERFORM heed_refresh_customer_contacts(NEW.customer_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER identities_contacts AFTER INSERT OR UPDATE OR DELETE ON identities
  FOR EACH ROW EXECUTE FUNCTION heed_identities_changed();

UPDATE customers c SET
  email = (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.kind = 'email'
            ORDER BY i.created_at, i.id LIMIT 1),
  phone = (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.kind = 'phone'
            ORDER BY i.created_at, i.id LIMIT 1)
WHERE EXISTS (SELECT 1 FROM identities i WHERE i.customer_id = c.id AND i.kind IN ('email', 'phone'));

-- A conversation's tag names, sorted case-insensitively.
ALTER TABLE conversations ADD COLUMN tag_names text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION heed_refresh_tag_names(conversation uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Commands lock the conversation before changing its tags; this lock covers any other writer.
  PERFORM 1 FROM conversations WHERE id = conversation FOR UPDATE;
  UPDATE conversations c SET tag_names = coalesce(
      (SELECT array_agg(tg.name ORDER BY lower(tg.name)) FROM conversation_tags ct
         JOIN tags tg ON tg.id = ct.tag_id WHERE ct.conversation_id = c.id), '{}')
  WHERE c.id = conversation;
END
$$;

CREATE FUNCTION heed_conversation_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM heed_refresh_tag_names(OLD.conversation_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.conversation_id IS DISTINCT FROM OLD.conversation_id
                            OR NEW.tag_id IS DISTINCT FROM OLD.tag_id) THEN
    PERFORM heed_refresh_tag_names(NEW.conversation_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER conversation_tags_names AFTER INSERT OR UPDATE OR DELETE ON conversation_tags
  FOR EACH ROW EXECUTE FUNCTION heed_conversation_tags_changed();

-- A renamed tag: every conversation carrying it gets the new name (a rare admin action).
CREATE FUNCTION heed_tag_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations c SET tag_names = coalesce(
      (SELECT array_agg(tg.name ORDER BY lower(tg.name)) FROM conversation_tags ct
         JOIN tags tg ON tg.id = ct.tag_id WHERE ct.conversation_id = c.id), '{}')
  WHERE c.id IN (SELECT ct.conversation_id FROM conversation_tags ct WHERE ct.tag_id = NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER tags_renamed AFTER UPDATE OF name ON tags
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION heed_tag_renamed();

UPDATE conversations c SET tag_names = t.names
  FROM (SELECT ct.conversation_id, array_agg(tg.name ORDER BY lower(tg.name)) AS names
          FROM conversation_tags ct JOIN tags tg ON tg.id = ct.tag_id GROUP BY ct.conversation_id) t
 WHERE t.conversation_id = c.id;
