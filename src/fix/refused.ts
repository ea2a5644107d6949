/** Why a fix cannot be applied to the file as written (it is then skipped and reported, never forced). */
export class FixRefused extends Error {
  override name = 'FixRefused';
}
