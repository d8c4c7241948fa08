/**
 * The notification chime: two short sine notes made with Web Audio, so there
 * is no sound file to ship or to allow in the page's CSP. One AudioContext
 * for the page, made at the first chime (after the join's click, so the
 * browser lets it play).
 */
let context: AudioContext | undefined

export function playChime(): void {
  if (typeof AudioContext === 'undefined') return
  try {
    context ??= new AudioContext()
    // A context made or left suspended without a gesture resumes if the page had one.
    if (context.state === 'suspended') void context.resume()
    const start = context.currentTime
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const note = context.createOscillator()
      const volume = context.createGain()
      note.type = 'sine'
      note.frequency.value = frequency
      // Quick in, soft out: no click at either end.
      volume.gain.setValueAtTime(0.0001, start + offset)
      volume.gain.exponentialRampToValueAtTime(0.12, start + offset + 0.02)
      volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25)
      note.connect(volume).connect(context.destination)
      note.start(start + offset)
      note.stop(start + offset + 0.3)
    }
  } catch {
    // No audio device, or audio refused: the notification still shows.
  }
}
