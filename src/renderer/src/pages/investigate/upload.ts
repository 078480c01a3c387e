import type { Result } from '../../../../shared/result';

/**
 * The web shell's upload (POST /api/upload): the file streamed as the body, with the tab's token;
 * the operator's session cookie goes along. Answers where the console stored it.
 */
export async function uploadFile(file: File): Promise<Result<{ path: string; name: string; size: number }>> {
  const token = sessionStorage.getItem('mfa-console-token') ?? '';
  try {
    const response = await fetch(`${window.location.origin}/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      credentials: 'same-origin',
      body: file,
    });
    return (await response.json()) as Result<{ path: string; name: string; size: number }>;
  } catch (error) {
    return { ok: false, error: { code: 'TRANSPORT', message: `${file.name}: the upload failed (${String(error)}).` } };
  }
}
