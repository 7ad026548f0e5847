import type { Grey } from "../../shared/scans/grey.ts";

/**
 * A phone photo of a printed page, taken not quite from above: the page tilted away by `pitch`
 * degrees (its top edge further from the camera, so narrower: keystone), turned by `yaw` about its
 * vertical axis and `roll` in the picture, on a dark desk, in light that falls off across it. A
 * projective warp done here in JavaScript, so the corpus needs nothing installed.
 */
export interface PhotoAngle {
  pitch: number;
  yaw: number;
  roll: number;
}

type Point = [number, number];

/** The page's corners as the camera sees them (pixels of a frame the size of the page). */
export function photographedCorners(width: number, height: number, angle: PhotoAngle): Point[] {
  const rad = Math.PI / 180;
  // A phone's camera an arm's length above an A4 page: about 1.2 page heights away.
  const distance = 1.2 * height;
  // The page fills some 85 % of the frame where it is nearest.
  const focal = 0.85 * distance;
  const corners: Point[] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  return corners.map(([u, v]) => {
    const x = u - width / 2;
    const y = v - height / 2;
    // Pitch about the page's horizontal axis (top away from the camera), then yaw about the vertical.
    const y1 = y * Math.cos(angle.pitch * rad);
    const z1 = -y * Math.sin(angle.pitch * rad);
    const x2 = x * Math.cos(angle.yaw * rad) + z1 * Math.sin(angle.yaw * rad);
    const z2 = -x * Math.sin(angle.yaw * rad) + z1 * Math.cos(angle.yaw * rad);
    const px = (focal * x2) / (distance + z2);
    const py = (focal * y1) / (distance + z2);
    const cos = Math.cos(angle.roll * rad);
    const sin = Math.sin(angle.roll * rad);
    return [cos * px - sin * py + width / 2, sin * px + cos * py + height / 2];
  });
}

/** The 3 × 3 homography (h33 = 1) that maps each `from` point to its `to` point. */
export function homography(from: Point[], to: Point[]): number[] {
  const rows: number[][] = [];
  from.forEach(([x, y], i) => {
    const [u, v] = to[i] ?? [0, 0];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  });
  // Gauss-Jordan with partial pivoting on the 8 × 9 augmented matrix.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++)
      if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot] ?? [], rows[col] ?? []];
    const top = rows[col] ?? [];
    const lead = top[col] ?? 1;
    for (let c = col; c < 9; c++) top[c] = (top[c] ?? 0) / lead;
    for (let r = 0; r < 8; r++) {
      const row = rows[r] ?? [];
      const factor = row[col] ?? 0;
      if (r === col || factor === 0) continue;
      for (let c = col; c < 9; c++) row[c] = (row[c] ?? 0) - factor * (top[c] ?? 0);
    }
  }
  return [...rows.map((row) => row[8] ?? 0), 1];
}

/** Where the homography `h` takes the point. */
export function project(h: number[], [x, y]: Point): Point {
  const at = (i: number) => h[i] ?? 0;
  const w = at(6) * x + at(7) * y + at(8);
  return [(at(0) * x + at(1) * y + at(2)) / w, (at(3) * x + at(4) * y + at(5)) / w];
}

/** The page photographed at `angle` (bilinear sampling), on a desk of grey `desk`. */
export function photographAtAngle(image: Grey, angle: PhotoAngle, desk = 70): Grey {
  const { width, height, data: src } = image;
  const page: Point[] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  // From each pixel of the photo back to the page: every photo pixel gets exactly one value.
  const back = homography(photographedCorners(width, height, angle), page);
  const data = new Uint8ClampedArray(width * height).fill(desk);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = project(back, [x + 0.5, y + 0.5]);
      const x0 = Math.floor(sx - 0.5);
      const y0 = Math.floor(sy - 0.5);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - 0.5 - x0;
      const fy = sy - 0.5 - y0;
      const i = y0 * width + x0;
      const top = (src[i] ?? 0) * (1 - fx) + (src[i + 1] ?? 0) * fx;
      const bottom = (src[i + width] ?? 0) * (1 - fx) + (src[i + width + 1] ?? 0) * fx;
      data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width, height, data };
}

/**
 * Light from one side, falling off across the frame and towards its corners: from `brightest`
 * to `darkest` of the page's own grey.
 */
export function unevenLight(image: Grey, darkest = 0.55, brightest = 1): Grey {
  const { width, height } = image;
  const data = new Uint8ClampedArray(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const across = x / width;
      const dx = x / width - 0.35;
      const dy = y / height - 0.3;
      const vignette = Math.min(1, Math.sqrt(dx * dx + dy * dy) / 0.9);
      const light = brightest - (brightest - darkest) * (0.6 * across + 0.4 * vignette);
      data[y * width + x] = (image.data[y * width + x] ?? 0) * light;
    }
  }
  return { width, height, data };
}
