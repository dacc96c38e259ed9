let audio: AudioContext | undefined;

/** Browsers let a page make sound only after a tap: call this from one. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = undefined;
  }
}

export function soundReady(): boolean {
  return audio?.state === 'running';
}

/** A new critical alert: two short high tones and a vibration (on devices that can). */
export function alarm(): void {
  document.body.dataset.alarms = String(Number(document.body.dataset.alarms ?? 0) + 1);
  navigator.vibrate?.([200, 100, 200]);
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.25, 1175]] as const) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.3, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.2);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.2);
  }
}
