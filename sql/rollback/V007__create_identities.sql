-- Undoes V007: the identity map is dropped (visitors count per device again until it is re-created and refilled).
DROP TABLE IF EXISTS identities;
