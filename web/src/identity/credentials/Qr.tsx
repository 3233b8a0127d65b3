// A QR code image (qrcode, drawn to a data: URL — allowed by the CSP's img-src) with its meaning as alt text.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function Qr({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'L', margin: 2, scale: 4 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return null;
  return src ? <img className="id-qr" src={src} alt={alt} /> : null;
}
