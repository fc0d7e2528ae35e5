-- Drift is about one client: an alert names the client whose access changed (or, for a request
-- made without a client, that request), so its one-click re-request, its emails and its link go
-- to that client only. Alerts raised before this migration could mix clients: each is split into
-- one alert per client, the first keeping its id (and any re-request made from it, which went to
-- the client of its first item), the others new and open.
--
-- Idempotency records no longer keep the request path in clear: an onboarding path carries the
-- link's secret. The route is kept as a SHA-256 hash (it is only compared).

ALTER TABLE drift_alerts
  ADD COLUMN client_id uuid REFERENCES clients(id) ON DELETE CASCADE,
  ADD COLUMN request_id uuid REFERENCES access_requests(id) ON DELETE CASCADE;
CREATE INDEX drift_alerts_client_idx ON drift_alerts (client_id);

CREATE TEMPORARY TABLE drift_alert_parts ON COMMIT DROP AS
WITH items AS (
  SELECT a.id AS alert_id, e.item, e.ord, r.client_id,
    CASE WHEN r.client_id IS NULL THEN r.id END AS request_id
  FROM drift_alerts a
  CROSS JOIN LATERAL jsonb_array_elements(a.items) WITH ORDINALITY AS e(item, ord)
  LEFT JOIN access_requests r ON r.id::text = e.item->>'requestId'
), groups AS (
  SELECT alert_id, client_id, request_id, jsonb_agg(item ORDER BY ord) AS items, min(ord) AS first
  FROM items
  GROUP BY alert_id, client_id, request_id
)
SELECT g.*, row_number() OVER (PARTITION BY g.alert_id ORDER BY g.first) AS part,
  gen_random_uuid() AS new_id
FROM groups g;

INSERT INTO drift_alerts (id, agency_id, run_id, items, created_at, dismissed_at, client_id, request_id)
SELECT p.new_id, a.agency_id, a.run_id, p.items, a.created_at, a.dismissed_at, p.client_id, p.request_id
FROM drift_alert_parts p JOIN drift_alerts a ON a.id = p.alert_id
WHERE p.part > 1;

UPDATE grant_checks k SET alert_id = p.new_id
FROM drift_alert_parts p
WHERE p.part > 1 AND k.alert_id = p.alert_id
  AND p.items @> jsonb_build_array(jsonb_build_object('grantId', k.grant_id::text));

UPDATE drift_alerts a SET items = p.items, client_id = p.client_id, request_id = p.request_id
FROM drift_alert_parts p
WHERE p.part = 1 AND p.alert_id = a.id;

UPDATE idempotency_keys
SET route = 'sha256:' || encode(sha256(convert_to(route, 'UTF8')), 'hex')
WHERE route NOT LIKE 'sha256:%';
