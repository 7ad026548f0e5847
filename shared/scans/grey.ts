/** A page image as one byte of luminance per pixel (0 black … 255 white): what the QR decoder reads. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Luminance of interleaved samples: 1 (grey), 3 (RGB) or 4 (RGBA, alpha ignored, or CMYK). */
export function greyOf(
  samples: ArrayLike<number>,
  width: number,
  height: number,
  components: 1 | 3 | 4,
  cmyk = false,
): Grey {
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, s = 0; i < data.length; i++, s += components) {
    if (components === 1) data[i] = samples[s] ?? 0;
    else if (cmyk) {
      const k = samples[s + 3] ?? 0;
      const c = (v: number) => (255 - v) * (1 - k / 255);
      data[i] = 0.299 * c(samples[s] ?? 0) + 0.587 * c(samples[s + 1] ?? 0) + 0.114 * c(samples[s + 2] ?? 0);
    } else
      data[i] = 0.299 * (samples[s] ?? 0) + 0.587 * (samples[s + 1] ?? 0) + 0.114 * (samples[s + 2] ?? 0);
  }
  return { width, height, data };
}

/** Averages `factor` × `factor` blocks: a 300 dpi page read at 150 dpi costs a quarter. */
export function downscale(image: Grey, factor: number): Grey {
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8ClampedArray(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx] ?? 0;
      }
      data[y * width + x] = sum / area;
    }
  }
  return { width, height, data };
}

/** The part of the image inside the rectangle (clamped to the image). */
export function crop(image: Grey, left: number, top: number, width: number, height: number): Grey {
  const x0 = Math.max(0, Math.floor(left));
  const y0 = Math.max(0, Math.floor(top));
  const w = Math.min(image.width - x0, Math.floor(width));
  const h = Math.min(image.height - y0, Math.floor(height));
  const data = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    const from = (y0 + y) * image.width + x0;
    data.set(image.data.subarray(from, from + w), y * w);
  }
  return { width: w, height: h, data };
}
