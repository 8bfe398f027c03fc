/** A cadre's name as a link that opens the cadre's page. */
import type { ButtonHTMLAttributes, ReactNode } from 'react'
import { navigate } from '../router'

export interface CadreLinkProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'id' | 'name' | 'type' | 'onClick' | 'children'
> {
  /** The cadre's id; the button itself gets no id attribute. */
  id: number | string
  /** What the link shows, usually the cadre's name. */
  name: ReactNode
  'data-testid'?: string
}

export function CadreLink({ id, name, className, ...rest }: CadreLinkProps) {
  return (
    <button
      type="button"
      className={className ? `btn-link ${className}` : 'btn-link'}
      onClick={() => navigate(`cadre/${id}`)}
      {...rest}
    >
      {name}
    </button>
  )
}
