-- Refreshing a platform connection's access token (S10). refresh_claimed_until: a caller that is
-- refreshing this connection's token holds the claim until then; others wait for its result rather
-- than spend the refresh token a second time (a rotating platform would refuse the reuse). A claim
-- left by a crashed worker simply runs out. refresh_refused_at: the platform refused the refresh
-- token (invalid_grant, TikTok 40107); the connection needs re-consent, and saving a new connection
-- (a new row) clears it.
ALTER TABLE platform_connections
  ADD COLUMN refresh_claimed_until timestamptz,
  ADD COLUMN refresh_refused_at timestamptz;
