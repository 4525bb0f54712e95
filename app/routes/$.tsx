import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Everything no other route matches: a friendly 404 in the user's language. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
