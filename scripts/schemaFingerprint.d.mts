// Types for schemaFingerprint.mjs, which tests import too.
export function schemaFingerprint(): string;
export function fingerprintDefine(): { FAMCOORD_SCHEMA_FINGERPRINT: string };
