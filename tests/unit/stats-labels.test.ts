import { describe, expect, it } from 'vitest'
import * as main from '../../main/stats/compute'
import * as page from '../../renderer/src/pages/stats/tables'

describe('the statistics page shows the bands and classes the service counts', () => {
  it('age bands, their labels and the education classes are the same on both sides', () => {
    expect(page.AGE_BANDS).toEqual(main.AGE_BANDS)
    expect(page.AGE_BAND_LABELS).toEqual(main.AGE_BAND_LABELS)
    expect(page.EDU_CLASSES).toEqual(main.EDU_CLASSES)
  })
})
