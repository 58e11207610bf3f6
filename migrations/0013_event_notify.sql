-- Wakes the realtime fan-out of every Heed process when events are written: one notification per
-- statement (identical ones in a transaction are merged), delivered at commit. The payload is empty: a
-- process that wakes reads the events after the last one it saw, so a lost notification only delays.
CREATE FUNCTION heed_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('heed_events', '');
  RETURN NULL;
END $$;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION heed_events_notify();
