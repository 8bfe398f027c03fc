/** The unit list, one query for every page (refetched when units change). */
import { useEffect } from 'react'
import type { Unit } from '../../../main/domain/cadre'
import { showError } from '../components'
import { useApiQuery } from '../lib/query'

const NONE: Unit[] = []

/** The units (tree order is up to the caller); a failed read is said once as an error message. */
export function useUnits(): Unit[] {
  const q = useApiQuery('units.list', undefined)
  useEffect(() => {
    if (q.error) showError(q.error)
  }, [q.error])
  return q.data ?? NONE
}
