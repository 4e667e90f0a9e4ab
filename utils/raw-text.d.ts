/** A text file bundled as a string (vite's `?raw` import). */
declare module '*?raw' {
  const text: string;
  export default text;
}
