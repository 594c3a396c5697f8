// A table of API tokens with a Revoke button on each active one: a person's own in Settings, and
// everyone's (with whose each is) in Admin. Revoking asks first; the row then shows it revoked.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import type { ApiToken } from "../types";
import { Time } from "./status";

const kStateOrder = { active: 0, expired: 1, revoked: 2 };

// Active tokens first, then the newest.
export function sortTokens(tokens: ApiToken[]): ApiToken[] {
  return [...tokens].sort((a, b) => kStateOrder[a.state] - kStateOrder[b.state] || b.id - a.id);
}

export function TokenTable({ tokens, label, owners, onRevoked }: {
  tokens: ApiToken[];
  label: string;
  // Admin's list: a column says whose each token is.
  owners?: boolean;
  onRevoked: (token: ApiToken) => void;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  async function revoke(token: ApiToken) {
    const whose = owners && token.user ? `${token.user.name}'s token` : "the token";
    if (!confirm(`Revoke ${whose} “${token.name}”? Anything that uses it is refused from its next request. This cannot be undone.`)) return;
    try {
      const revoked = await api.remove<ApiToken>(`/tokens/${token.id}`);
      onRevoked({ ...token, ...revoked });
      setMessage({ text: `Revoked “${token.name}”.`, error: false });
    } catch (reason) {
      setMessage({ text: `“${token.name}” was not revoked. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`, error: true });
    }
  }
  return (
    <>
      {message && <p class={`alert ${message.error ? "alert--error" : "alert--info"}`} role={message.error ? "alert" : "status"}>{message.text}</p>}
      <table class="table tokens" aria-label={label}>
        <thead>
          <tr>
            {owners && <th scope="col">Whose</th>}
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col"><span class="visually-hidden">Revoke</span></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr class={`token-row token-row--${token.state}`} data-token-id={token.id}>
              {owners && <td>{token.user ? <>{token.user.name} <span class="muted">{token.user.email}</span></> : `user ${token.user_id}`}</td>}
              <th scope="row">{token.name}</th>
              <td>
                <span class={`badge badge--token-${token.state}`}>{token.state}</span>
                {token.state === "revoked" && token.revoked_at && <span class="muted"> <Time iso={token.revoked_at} year /></span>}
              </td>
              <td><Time iso={token.created_at} year /></td>
              <td><Time iso={token.last_used_at} year none="never" /></td>
              <td><Time iso={token.expires_at} year none="never" /></td>
              <td>
                {token.state === "active" && (
                  <button class="button button--quiet" type="button" aria-label={`Revoke ${owners && token.user ? `${token.user.name}'s token ` : ""}${token.name}`}
                    onClick={() => void revoke(token)}>Revoke</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
