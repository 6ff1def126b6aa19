export function App() {
  return (
    <main>
      <h1>Exactly-Once Lab</h1>
      <p>The visualiser is being built.</p>
    </main>
  );
}
