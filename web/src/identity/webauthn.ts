// Passkey ceremonies in the browser: @simplewebauthn/browser turns the server's options into a WebAuthn call and the
// authenticator's answer back into JSON. A cancelled prompt becomes a `PasskeyCancelled` the pages announce calmly.
import { startAuthentication, startRegistration, browserSupportsWebAuthn } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api } from '../core/api.ts';
import type { Session } from './api.ts';

export class PasskeyCancelled extends Error {
  constructor() {
    super('passkey prompt cancelled');
    this.name = 'PasskeyCancelled';
  }
}

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

async function ask<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    // NotAllowedError: the person closed the prompt or it timed out; AbortError: another ceremony replaced it.
    if (e instanceof Error && (e.name === 'NotAllowedError' || e.name === 'AbortError')) throw new PasskeyCancelled();
    throw e;
  }
}

interface Flow<O> {
  flowId: string;
  options: O;
}

export async function signInWithPasskey(): Promise<Session> {
  const { flowId, options } = await api<Flow<PublicKeyCredentialRequestOptionsJSON>>('/auth/passkey/options', { method: 'POST', quiet401: true });
  const response = await ask(() => startAuthentication({ optionsJSON: options }));
  return api<Session>('/auth/passkey', { method: 'POST', json: { flowId, response }, quiet401: true });
}

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: string | null;
}

export async function addPasskey(name?: string): Promise<PasskeyView> {
  const { flowId, options } = await api<Flow<PublicKeyCredentialCreationOptionsJSON>>('/me/passkeys/registration/options', { method: 'POST' });
  const response = await ask(() => startRegistration({ optionsJSON: options }));
  return api<PasskeyView>('/me/passkeys', { method: 'POST', json: { flowId, response, ...(name ? { name } : {}) } });
}

export async function stepUpWithPasskey(): Promise<void> {
  const { flowId, options } = await api<Flow<PublicKeyCredentialRequestOptionsJSON>>('/me/step-up/passkey/options', { method: 'POST' });
  const response = await ask(() => startAuthentication({ optionsJSON: options }));
  await api<void>('/me/step-up/passkey', { method: 'POST', json: { flowId, response } });
}
