/** The photo in a 4:5 frame with 上传 / 更换 / 删除. Bytes go to `cadres.setPhoto` (JPEG or PNG). */
import { useRef } from 'react'

export function PhotoBox({
  url,
  disabled,
  onPick,
  onRemove,
}: {
  url: string | null
  disabled?: boolean
  onPick(file: File): void
  onRemove(): void
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <div className="photo-box">
      <div className="photo-frame" data-testid="cadre-photo">
        {url ? <img src={url} alt="照片" /> : <span className="muted">照片</span>}
      </div>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const f = e.target.files?.[0]
          if (f) onPick(f)
          e.target.value = ''
        }}
      />
      <div className="photo-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={disabled}
          onClick={() => input.current?.click()}
        >
          {url ? '更换照片' : '上传照片'}
        </button>
        {url ? (
          <button type="button" className="btn btn-small" disabled={disabled} onClick={onRemove}>
            删除
          </button>
        ) : null}
      </div>
      <div className="field-hint">JPEG 或 PNG，不超过 2 MB，宽高比 4:5</div>
    </div>
  )
}
