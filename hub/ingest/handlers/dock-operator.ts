/** Who acted at the dock: the operator signed in there, else the station itself. */
export function dockOperator(body: { readonly operator: string | null }, station: string): string {
  return body.operator !== null ? body.operator : station;
}
