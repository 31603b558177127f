-- A push's idempotency key comes with the SHA-256 of the body it stored, so that the key reused
-- for another body is refused instead of answered with the first version. Versions stored before
-- this column existed keep NULL (the server then compares their bodies).

ALTER TABLE configs ADD COLUMN body_sha256 CHAR(64);
