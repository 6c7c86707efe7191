// A figure that is either a finite number or null with the reason it is undefined (never NaN/Infinity).

/** Every coefficient returns a number or a null carrying a short human-readable reason. */
export type Value = { value: number; reason?: undefined } | { value: null; reason: string };

/** Wraps a computed number, turning any non-finite result into null so NaN never escapes. */
export function ok(value: number, reasonIfNotFinite = 'the figure is not a finite number'): Value {
  return Number.isFinite(value) ? { value } : { value: null, reason: reasonIfNotFinite };
}

/** The one way to build an undefined figure, so every null carries its reason. */
export function undef(reason: string): Value {
  return { value: null, reason };
}

/** (observed − chance) / (1 − chance) is shared by κ, π, S, AC1 and Fleiss' κ; chance = 1 is undefined. */
export function chanceCorrected(observed: number, chance: number, reason: string): Value {
  if (!Number.isFinite(observed) || !Number.isFinite(chance) || chance === 1) return undef(reason);
  return ok((observed - chance) / (1 - chance), reason);
}
