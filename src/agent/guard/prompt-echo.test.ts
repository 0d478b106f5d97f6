import { describe, expect, it } from 'vitest';
import { ANONYMOUS_INSTRUCTIONS, SUPPORT_INSTRUCTIONS } from '../instructions.ts';
import { REPLIES } from '../replies.ts';
import { echoesInstructions } from './prompt-echo.ts';

describe('echoesInstructions', () => {
  it('catches any line of either instructions repeated in an answer, whatever its case and spacing', () => {
    for (const line of [...SUPPORT_INSTRUCTIONS.split('\n'), ...ANONYMOUS_INSTRUCTIONS.split('\n')]) {
      const recited = `Sure, here it is:\n${line.replace(/^- /, '').toUpperCase().replace(/ /g, '  ')}`;
      expect(echoesInstructions(recited), line).toBe(true);
    }
  });

  it('leaves ordinary answers and the sign-in reply the instructions quote alone', () => {
    expect(echoesInstructions(REPLIES.en.signIn)).toBe(false);
    expect(
      echoesInstructions('Your Pro subscription is active and renews on March 1, 2026 for 29.00 USD.'),
    ).toBe(false);
    expect(echoesInstructions('I can describe the public plans and their prices if that helps.')).toBe(false);
  });
});
