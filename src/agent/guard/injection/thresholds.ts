// Every number that decides a verdict lives here, so tuning is one reviewed diff and the bench
// and tests read the same values as production.

/** A message whose summed signal weights reach this is blocked (turned into a human handoff). */
export const BLOCK_SCORE = 1;

/**
 * Customer-controlled fields (names, memos, metadata) are flagged at a lower score than chat
 * messages: a legitimate company name or invoice memo never needs imperative phrasing, so a single
 * medium signal is enough to withhold it, and withholding a field costs far less than a handoff.
 */
export const FIELD_FLAG_SCORE = 0.6;

/** Rule weights. A strong rule blocks on its own; a medium one needs any second signal. */
export const STRONG = 1;
export const HIGH = 0.8;
export const MEDIUM = 0.6;
export const WEAK = 0.4;

/** Added when a signal was only visible after decoding base64/hex/rot13/…, or the text is obfuscated. */
export const ENCODED_PAYLOAD_WEIGHT = WEAK;
export const OBFUSCATION_WEIGHT = WEAK;

/** Decoding limits: keep the detector linear and fast on hostile input. */
export const MAX_DECODE_DEPTH = 2;
export const MAX_DECODED_SEGMENTS = 8;
/** A decoded segment must be mostly letters to count as text (random bytes rarely are). */
export const MIN_DECODED_LETTER_RATIO = 0.55;
export const MIN_BASE64_LENGTH = 16;
export const MIN_HEX_BYTES = 8;

/** Fields longer than this are cut before delimiting: tool results must stay bounded. */
export const FIELD_MAX_CHARS = 2000;

/**
 * Optional learned model: when its probability reaches MODEL_MIN_PROBABILITY it adds MODEL_WEIGHT,
 * i.e. it counts as one weak signal and can never block on its own. The cut-off is where the model
 * alone kept false positives under 1 % in 5-fold cross-validation on the TRAIN split.
 */
export const MODEL_WEIGHT = WEAK;
export const MODEL_MIN_PROBABILITY = 0.8;
